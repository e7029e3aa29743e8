package io.flexhub.usef.mapping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The translator stays plain Java so it can be tested and benchmarked without Camel or Spring. */
class UftpMappingArchitectureTest {

    private static final JavaClasses MAPPING = importMappingPackage();

    /**
     * Imports only the compiled package folder, without following its dependencies into the jars: the rules
     * need only the names of what the package uses, and the full scan takes seconds.
     */
    private static JavaClasses importMappingPackage() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            Path root = Path.of(UftpJsonLdMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter().importPath(root.resolve("io/flexhub/usef/mapping"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void should_find_the_translator_classes_when_the_package_is_imported() {
        assertThat(MAPPING.contain(UftpJsonLdMapper.class)).isTrue();
    }

    @Test
    void should_use_only_the_jdk_jackson_core_and_stax_when_the_mapping_package_is_compiled() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("io.flexhub.usef.mapping..", "java..",
                "javax.xml", "javax.xml.stream..", "com.fasterxml.jackson.core..").check(MAPPING);
    }
}
