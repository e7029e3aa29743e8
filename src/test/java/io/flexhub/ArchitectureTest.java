package io.flexhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps mapping, signing, validation and optimisation free of the frameworks, so they stay unit-testable. */
@AnalyzeClasses(packages = "io.flexhub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule pure_core_has_no_framework_dependencies = noClasses()
            .that().resideInAnyPackage("..usef.mapping..", "..usef.crypto..", "..usef.xml..", "..usef.validation..",
                    "..usef.time..", "..usef.transport..", "..usef.outbox..", "..flex.optimizer..", "..flex.offer..",
                    "..selfconsumption.optimizer..", "..selfconsumption.plan..", "..ngsild.client..", "io.flexhub.site",
                    "..dr.engine..", "..notify.template..", "..notify.delivery..", "io.flexhub.probes", "..energy.model..",
                    "..analytics.history.archive..", "..analytics.model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..");
}
