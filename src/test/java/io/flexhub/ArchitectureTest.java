package io.flexhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps mapping, signing, validation and optimisation free of the frameworks, so they stay unit-testable, and the
 * domains depending on each other in one direction only: the map below is the architecture (docs/architecture.md).
 */
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

    /**
     * Which domains each domain may use. Below: the base ({@code common}), the building context ({@code site}) and
     * notifications; then UFTP ({@code usef}) and the broker adapter; the engines (flexibility with its demand-response
     * events, self-consumption, analytics) on top; pages, APIs and operations last. A new arrow is a design decision: add it
     * here, with the reason in the commit.
     */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("common", Set.of());
        MAY_USE.put("security", Set.of("common"));
        MAY_USE.put("notify", Set.of("common"));
        MAY_USE.put("site", Set.of("common"));
        MAY_USE.put("usef", Set.of("common", "notify", "site"));
        MAY_USE.put("ngsild", Set.of("common", "site", "usef"));
        MAY_USE.put("forecast", Set.of("common", "ngsild", "site"));
        MAY_USE.put("flex", Set.of("common", "notify", "site", "usef"));
        MAY_USE.put("selfconsumption", Set.of("common", "flex", "forecast", "ngsild", "notify", "site"));
        MAY_USE.put("analytics", Set.of("common", "flex", "notify", "selfconsumption", "site", "usef"));
        MAY_USE.put("energy", Set.of("common", "forecast", "ngsild", "selfconsumption", "site", "usef"));
        MAY_USE.put("dashboard", Set.of("common", "flex", "site", "usef"));
        MAY_USE.put("demo", Set.of("analytics", "common", "usef"));
        MAY_USE.put("probes", Set.of("common", "notify"));
        MAY_USE.put("ops", Set.of("common", "ngsild", "usef"));
        MAY_USE.put("web", Set.of("analytics", "common", "security", "usef"));
    }

    /**
     * One owner of a received message's hand-off to the engines: only {@code UftpInbox} moves it on or looks for
     * what still waits ({@code UftpInboxTest} checks that no SQL outside the message store names the column).
     */
    @ArchTest
    static final ArchRule only_the_uftp_inbox_moves_a_hand_off = noClasses()
            .that().doNotHaveFullyQualifiedName("io.flexhub.usef.UftpInbox")
            .should().callMethodWhere(DescribedPredicate.describe(
                    "UftpMessageStore's hand-off methods",
                    call -> call.getTargetOwner().getName().equals("io.flexhub.usef.store.UftpMessageStore")
                            && Set.of("transitionHandoff", "findByHandoff").contains(call.getName())));

    @ArchTest
    static final ArchRule domains_are_free_of_cycles = slices().matching("io.flexhub.(*)..").should().beFreeOfCycles();

    @ArchTest
    static void domains_use_each_other_only_in_the_documented_direction(JavaClasses classes) {
        for (Map.Entry<String, Set<String>> domain : MAY_USE.entrySet()) {
            Set<String> forbidden = new TreeSet<>(MAY_USE.keySet());
            forbidden.remove(domain.getKey());
            forbidden.removeAll(domain.getValue());
            if (forbidden.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage("io.flexhub." + domain.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.stream()
                            .map(d -> "io.flexhub." + d + "..").toArray(String[]::new))
                    .because(domain.getKey() + " may use only " + domain.getValue())
                    .check(classes);
        }
    }

    @ArchTest
    static void every_domain_package_has_its_place_in_the_map(JavaClasses classes) {
        Set<String> domains = new TreeSet<>();
        classes.forEach(c -> {
            String pkg = c.getPackageName();
            if (pkg.startsWith("io.flexhub.")) {
                domains.add(pkg.substring("io.flexhub.".length()).split("\\.")[0]);
            }
        });
        org.assertj.core.api.Assertions.assertThat(MAY_USE.keySet()).as("domains of io.flexhub")
                .containsExactlyInAnyOrderElementsOf(domains);
    }
}
