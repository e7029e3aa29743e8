package io.flexhub.selfconsumption.optimizer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The optimiser is framework-free (style.md, design rule 2) so that it runs in tests and benchmarks as is. */
class OptimizerArchitectureTest {

    @Test
    void should_not_depend_on_camel_or_spring_when_the_optimizer_package_is_imported() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.flexhub.selfconsumption.optimizer");

        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .check(classes);
    }
}
