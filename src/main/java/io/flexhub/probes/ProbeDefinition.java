package io.flexhub.probes;

import java.util.List;

/**
 * A scheduled test of a service (seed Table 2): who it is about, when it runs and its ordered stages.
 *
 * @param source where it was read from (file path or classpath resource), shown with results and errors
 */
public record ProbeDefinition(String id, String workPackage, String workPackageTitle, String service,
                              String description, ProbeSchedule schedule, List<ProbeStage> stages, String source) {

    public ProbeDefinition {
        stages = List.copyOf(stages);
    }

    /** Camel route id of the probe. */
    public String routeId() {
        return "probe-" + id;
    }
}
