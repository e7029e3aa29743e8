package io.flexhub.usef.mapping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The translator stays plain Java so it can be tested and benchmarked without Camel or Spring. */
class UftpMappingArchitectureTest {

    private static final JavaClasses MAPPING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.flexhub.usef.mapping");

    @Test
    void should_not_use_camel_or_spring_when_the_mapping_package_is_compiled() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .check(MAPPING);
    }

    @Test
    void should_use_only_the_jdk_jackson_core_and_stax_when_the_mapping_package_is_compiled() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("io.flexhub.usef.mapping..", "java..",
                "javax.xml", "javax.xml.stream..", "com.fasterxml.jackson.core..").check(MAPPING);
    }
}
