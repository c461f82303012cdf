package dev.strand.jetty;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class JettyArchitectureTest {

  private final JavaClasses main =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.strand.jetty");

  @Test
  void jettyBackendIsTheOnlyPublicClass() {
    classes()
        .that()
        .doNotHaveFullyQualifiedName(JettyBackend.class.getName())
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .check(main);
  }

  @Test
  void backendUsesNoStrandInternals() {
    classes().should().onlyDependOnClassesThat().resideOutsideOfPackage("dev.strand.internal..").check(main);
  }
}
