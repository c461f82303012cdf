package dev.strand.undertow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class UndertowArchitectureTest {

  private final JavaClasses main =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.strand.undertow");

  @Test
  void undertowBackendIsTheOnlyPublicClass() {
    classes()
        .that()
        .doNotHaveFullyQualifiedName(UndertowBackend.class.getName())
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .check(main);
  }

  @Test
  void backendUsesNoStrandInternals() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.strand.internal..").check(main);
  }

  @Test
  void backendNeverUsesUndertowsBlockingMode() {
    // Its waits open an epoll selector per waiting (virtual) thread; the backend parks on locks instead.
    noClasses()
        .should()
        .callMethod(io.undertow.server.HttpServerExchange.class, "startBlocking")
        .orShould()
        .callMethod(io.undertow.server.HttpServerExchange.class, "getInputStream")
        .orShould()
        .callMethod(io.undertow.server.HttpServerExchange.class, "getOutputStream")
        .check(main);
  }
}
