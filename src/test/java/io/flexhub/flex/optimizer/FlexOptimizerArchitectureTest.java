package io.flexhub.flex.optimizer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The optimizer stays plain Java so that it runs and is tested without a Camel or Spring context. */
class FlexOptimizerArchitectureTest {

    @Test
    void should_not_depend_on_camel_or_spring_when_compiled() {
        JavaClasses optimizer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.flexhub.flex.optimizer");

        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .allowEmptyShould(false).check(optimizer);
    }
}
