package io.flexhub.usef.validation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Validation and ISP arithmetic must stay usable outside Camel routes and Spring beans. */
class FrameworkIndependenceTest {

    @Test
    void should_not_depend_on_camel_or_spring_when_validating_or_computing_isps() throws URISyntaxException {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .check(importMainClasses());
    }

    /**
     * Only the names of dependencies matter, so neither the classpath is scanned for the packages nor are missing
     * dependencies resolved from it: both take seconds.
     */
    private static JavaClasses importMainClasses() throws URISyntaxException {
        Path mainClasses =
                Path.of(UftpMessageValidator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolving = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().importPaths(
                    mainClasses.resolve("io/flexhub/usef/validation"), mainClasses.resolve("io/flexhub/usef/time"));
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolving);
        }
    }
}
