package dev.strand.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The examples use only Strand's public API, as an application would. */
@AnalyzeClasses(packages = "dev.strand.examples", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule appsUseOnlyStrandsPublicApi =
      classes()
          .that()
          .resideInAPackage("dev.strand.examples..")
          .and()
          .resideOutsideOfPackage("dev.strand.examples.logging")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.strand", "dev.strand.model", "dev.strand.examples..", "org.slf4j")
          .because("the examples show what a user of Strand writes: dev.strand and dev.strand.model, no internals");

  @ArchTest
  static final ArchRule noInternalsSpiBackendsOrServers =
      noClasses()
          .that()
          .resideInAPackage("dev.strand.examples..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.strand.internal..", "dev.strand.spi..", "dev.strand.testing..", "dev.strand.undertow..",
              "dev.strand.jetty..", "dev.strand.jdkhttp..", "io.undertow..", "org.xnio..", "org.eclipse.jetty..",
              "com.sun.net.httpserver..", "tools.jackson..", "com.fasterxml.jackson..");

  @ArchTest
  static final ArchRule logbackGlueStaysSmall =
      classes()
          .that()
          .resideInAPackage("dev.strand.examples.logging")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.strand", "dev.strand.examples.logging", "ch.qos.logback.core.status");
}
