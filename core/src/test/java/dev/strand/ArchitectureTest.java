package dev.strand;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.net.URL;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core's shape, checked on its compiled classes: no server library, internals kept inside, a clean API. */
class ArchitectureTest {

  private static final String[] SERVER_PACKAGES = {"io.undertow..", "org.eclipse.jetty..", "com.sun.net.httpserver.."};
  private static final List<String> FORBIDDEN_IN_API = List.of("tools.jackson.", "com.fasterxml.", "io.undertow.", "org.eclipse.jetty.", "com.sun.net.httpserver.");
  private static final Set<String> API_PACKAGES = Set.of("dev.strand", "dev.strand.spi", "dev.strand.testing", "dev.strand.model");

  private static JavaClasses core;

  private static boolean resolvedBefore;

  @BeforeAll
  static void importCore() {
    // The rules look at names and packages only: skip loading every referenced library class.
    resolvedBefore = ArchConfiguration.get().resolveMissingDependenciesFromClassPath();
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    // Import core's own output folder (or jar) only: scanning the whole class path is slow.
    URL coreClasses = Server.class.getProtectionDomain().getCodeSource().getLocation();
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(Set.of(Location.of(coreClasses)));
  }

  @AfterAll
  static void restoreConfiguration() {
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(resolvedBefore);
  }

  @Test
  void theImportSeesTheCoreButNoTests() {
    assertTrue(core.contain(Server.class));
    assertTrue(core.contain(dev.strand.internal.Pipeline.class));
    assertTrue(core.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes were imported");
  }

  @Test
  void coreDependsOnNoServerLibrary() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(SERVER_PACKAGES).check(core);
  }

  @Test
  void coreLogsThroughSlf4jOnly() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ch.qos.logback..", "org.apache.logging.log4j..", "java.util.logging..", "org.apache.commons.logging..")
        .check(core);
  }

  @Test
  void internalIsUsedOnlyByTheCorePackagesThatNeedIt() {
    classes()
        .that()
        .resideInAPackage("dev.strand.internal..")
        .should()
        .onlyHaveDependentClassesThat()
        .resideInAnyPackage("dev.strand", "dev.strand.testing", "dev.strand.internal..")
        .check(core);
  }

  @Test
  void theSpiAndModelDoNotReachIntoInternals() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.strand.spi..", "dev.strand.model..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.strand.internal..")
        .check(core);
  }

  @Test
  void onlyTestingCodeDependsOnTheTestingPackage() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.strand", "dev.strand.spi..", "dev.strand.model..", "dev.strand.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.strand.testing..")
        .check(core);
  }

  @Test
  void coreMainCodeDoesNotDependOnTestLibraries() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.junit..", "com.tngtech..").check(core);
  }

  @Test
  void publicApiExposesNoJacksonOrServerTypes() {
    ArchRule rule =
        classes()
            .that()
            .resideInAnyPackage(API_PACKAGES.toArray(String[]::new))
            .and()
            .arePublic()
            .should(exposeNoForbiddenTypes())
            .because("the API must not tie users to Jackson or to a server; those stay swappable internals");
    rule.check(core);
  }

  /** Checks public and protected methods, constructors and fields, generics included. */
  private static ArchCondition<JavaClass> exposeNoForbiddenTypes() {
    return new ArchCondition<>("expose no Jackson or server types in public signatures") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaCodeUnit unit : c.getCodeUnits()) {
          if (!visible(unit.getModifiers())) {
            continue;
          }
          Set<JavaClass> involved = new java.util.HashSet<>(unit.getReturnType().getAllInvolvedRawTypes());
          unit.getParameterTypes().forEach(p -> involved.addAll(p.getAllInvolvedRawTypes()));
          unit.getThrowsClause().getTypes().forEach(involved::add);
          report(events, c, unit.getFullName(), involved);
        }
        for (JavaField f : c.getFields()) {
          if (visible(f.getModifiers())) {
            report(events, c, f.getFullName(), f.getType().getAllInvolvedRawTypes());
          }
        }
      }
    };
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void report(ConditionEvents events, JavaClass owner, String member, Set<JavaClass> types) {
    for (JavaClass t : types) {
      String name = t.getName();
      if (FORBIDDEN_IN_API.stream().anyMatch(name::startsWith)) {
        events.add(SimpleConditionEvent.violated(owner, member + " exposes " + name));
      }
    }
  }

  @Test
  void theApiConditionCatchesAnExposedJacksonType() {
    JavaClasses json = new ClassFileImporter().importClasses(dev.strand.internal.Json.class);
    ArchRule rule = classes().should(exposeNoForbiddenTypes());
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> rule.check(json));
    assertTrue(e.getMessage().contains("tools.jackson.databind.json.JsonMapper"), e.getMessage());
  }
}
