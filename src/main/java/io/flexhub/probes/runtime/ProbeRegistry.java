package io.flexhub.probes.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import io.flexhub.common.HubInstance;
import io.flexhub.common.http.CamelHttpTransport;
import io.flexhub.common.http.OutboundHttpProperties;
import io.flexhub.notify.Notifications;
import io.flexhub.probes.ProbeDefinition;
import io.flexhub.probes.ProbeDefinitionException;
import io.flexhub.probes.ProbeExecutor;
import io.flexhub.probes.ProbeLoader;
import io.flexhub.probes.ProbeProblem;
import io.flexhub.probes.StageResult;

/**
 * Keeps one Camel route per probe definition in step with the definition files: shipped ones on the classpath and
 * the operator's directory, scanned by the {@code probes-reload} route. A changed file re-creates its probe's
 * route, a removed file removes it, and a file that turns bad is reported (file, line, field) while every other
 * probe, and the last good version of that one, keeps running.
 */
@Component("probeRegistry")
public class ProbeRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRegistry.class);
    /** The route of probes-http.camel.yaml that makes the stages' and actions' HTTP calls. */
    public static final String ROUTE = "direct:probes-http";

    private final CamelContext camel;
    private final ProbeProperties properties;
    private final ProbeResultStore store;
    private final HubInstance instance;
    private final Clock clock;
    private final Environment environment;
    private final ProbeLoader loader;
    private final ProbeExecutor executor;

    /** By source (file path or classpath resource). */
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, ProbeDefinition> byId = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();
    private volatile List<ProbeProblem> problems = List.of();
    private List<Map.Entry<String, byte[]>> shipped;

    /** A definition file as last read: its content hash, the definition in force and the current problems. */
    private record Source(String hash, ProbeDefinition definition, List<ProbeProblem> problems) {
    }

    public ProbeRegistry(CamelContext camel, ProbeProperties properties, ProbeResultStore store, HubInstance instance,
                         Clock clock, Environment environment, Notifications notifications, ProducerTemplate producer,
                         OutboundHttpProperties pool) {
        this.camel = camel;
        this.properties = properties;
        this.store = store;
        this.instance = instance;
        this.clock = clock;
        this.environment = environment;
        this.loader = new ProbeLoader(this::resolve);
        // each stage's own timeout is its endpoint's (one per probed server and timeout, a handful): route probes-http
        this.executor = new ProbeExecutor(new CamelHttpTransport(producer, ROUTE, Duration.ofSeconds(5), null, pool),
                clock, this::resolve, notifications);
    }

    /** {@code ${hub}} is the hub's own base URL; other placeholders are settings and environment variables. */
    String resolve(String text) {
        return environment.resolveRequiredPlaceholders(text.replace("${hub}", hubUrl()));
    }

    private String hubUrl() {
        String url = properties.hubUrl() != null && !properties.hubUrl().isBlank() ? properties.hubUrl().trim()
                : "http://localhost:" + environment.getProperty("local.server.port",
                        environment.getProperty("server.port", "8080"));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Reads every definition source and brings the routes in line with what changed. */
    public synchronized void scan() throws Exception {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> resource : shipped()) {
            contents.put(resource.getKey(), resource.getValue());
        }
        contents.putAll(directory());
        Set<String> changed = new HashSet<>();
        for (String gone : new ArrayList<>(sources.keySet())) {
            if (!contents.containsKey(gone)) {
                Source old = sources.remove(gone);
                LOG.info("Probe definition {} removed", gone);
                if (old.definition() != null) {
                    changed.add(old.definition().id());
                }
            }
        }
        for (Map.Entry<String, byte[]> file : contents.entrySet()) {
            String hash = sha256(file.getValue());
            Source old = sources.get(file.getKey());
            if (old != null && old.hash().equals(hash)) {
                continue;
            }
            try {
                ProbeDefinition definition = loader.load(file.getKey(), file.getValue());
                sources.put(file.getKey(), new Source(hash, definition, List.of()));
                changed.add(definition.id());
                if (old != null && old.definition() != null) {
                    changed.add(old.definition().id());
                }
                LOG.info("Probe {} loaded from {} ({})", definition.id(), file.getKey(),
                        definition.schedule().describe());
            } catch (ProbeDefinitionException e) {
                ProbeDefinition kept = old == null ? null : old.definition();
                sources.put(file.getKey(), new Source(hash, kept, e.problems()));
                LOG.warn("Probe definition rejected{}: {}", kept == null ? ""
                        : " (probe " + kept.id() + " keeps its previous definition)", e.getMessage());
            }
        }
        rebuild(changed);
    }

    /** Recomputes the probes in force (first source wins an id) and re-creates the routes of changed probes. */
    private void rebuild(Set<String> changed) throws Exception {
        Map<String, ProbeDefinition> next = new LinkedHashMap<>();
        List<ProbeProblem> found = new ArrayList<>();
        for (Map.Entry<String, Source> e : sources.entrySet()) {
            found.addAll(e.getValue().problems());
            ProbeDefinition d = e.getValue().definition();
            if (d == null) {
                continue;
            }
            ProbeDefinition first = next.putIfAbsent(d.id(), d);
            if (first != null) {
                found.add(new ProbeProblem(e.getKey(), 0, "id", "probe " + d.id() + " is already defined in "
                        + first.source() + "; this file is ignored"));
            }
        }
        for (String id : new ArrayList<>(byId.keySet())) {
            if (!next.containsKey(id) || changed.contains(id) && next.get(id) != byId.get(id)) {
                removeRoute(byId.remove(id));
            }
        }
        for (ProbeDefinition d : next.values()) {
            if (!byId.containsKey(d.id())) {
                byId.put(d.id(), d);
                addRoute(d);
            }
        }
        problems = List.copyOf(found);
    }

    private void addRoute(ProbeDefinition d) throws Exception {
        if (!properties.enabled()) {
            return;
        }
        long tick = properties.tick().toMillis();
        camel.addRoutes(new RouteBuilder(camel) {
            @Override
            public void configure() {
                from("timer:" + d.routeId() + "?period=" + tick + "&delay=" + tick)
                        .routeId(d.routeId())
                        .routeDescription(d.id() + " " + d.service() + ": " + d.description() + " ("
                                + d.schedule().describe() + ")")
                        .routeConfigurationId("background-errors")
                        .setHeader("probeId", constant(d.id()))
                        .bean(ProbeRegistry.this, "tick");
            }
        });
    }

    private void removeRoute(ProbeDefinition d) throws Exception {
        if (camel.getRoute(d.routeId()) != null) {
            camel.getRouteController().stopRoute(d.routeId());
            camel.removeRoute(d.routeId());
        }
    }

    /**
     * Runs the probe if a scheduled time has come since the last check (at most once per time across instances;
     * several missed times make one run).
     */
    public void tick(@Header("probeId") String probeId) {
        ProbeDefinition d = byId.get(probeId);
        if (d == null) {
            return;
        }
        Instant now = clock.instant();
        Instant earliest = now.minus(properties.catchUp());
        Instant after = lastChecked.getOrDefault(probeId, earliest);
        lastChecked.put(probeId, now);
        Optional<Instant> due = d.schedule().latestFire(after.isBefore(earliest) ? earliest : after, now);
        if (due.isEmpty()) {
            return;
        }
        Optional<String> run = store.claim(probeId, due.get(), instance.id(), now);
        if (run.isEmpty()) {
            LOG.debug("Probe {} at {} is run by another instance", probeId, due.get());
            return;
        }
        execute(d, run.get());
    }

    /** Runs a probe now, whatever its schedule. */
    public Optional<ProbeRun> runNow(String probeId) {
        ProbeDefinition d = byId.get(probeId);
        if (d == null) {
            return Optional.empty();
        }
        String runId = store.claim(probeId, null, instance.id(), clock.instant()).orElseThrow();
        return Optional.of(new ProbeRun(runId, execute(d, runId)));
    }

    /** The stage results of one run. */
    public record ProbeRun(String runId, List<StageResult> results) {
    }

    private List<StageResult> execute(ProbeDefinition d, String runId) {
        List<StageResult> results = executor.run(d, d.id() + "/" + runId);
        store.save(runId, d.id(), results);
        StageResult last = results.get(results.size() - 1);
        LOG.info("Probe {} run {}: {}", d.id(), runId, results.stream()
                .map(r -> "stage " + r.stage() + " " + r.outcome() + (r.statusCode() == null ? "" : " " + r.statusCode()))
                .toList());
        if (last.detail() != null) {
            LOG.warn("Probe {} stage {} {}: {}", d.id(), last.stage(), last.outcome(), last.detail());
        }
        return results;
    }

    public Collection<ProbeDefinition> definitions() {
        return byId.values().stream().sorted(Comparator.comparing(ProbeDefinition::id)).toList();
    }

    public Optional<ProbeDefinition> definition(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<ProbeProblem> problems() {
        return problems;
    }

    /** Status of the probe's route, or "Disabled" when probes do not run on this instance. */
    public String routeStatus(ProbeDefinition d) {
        if (!properties.enabled()) {
            return "Disabled";
        }
        return String.valueOf(camel.getRouteController().getRouteStatus(d.routeId()));
    }

    private List<Map.Entry<String, byte[]>> shipped() throws IOException {
        if (shipped == null) {
            List<Map.Entry<String, byte[]>> found = new ArrayList<>();
            // blank: no shipped probe runs (an operator opting out of the seed's probe)
            Resource[] resources = properties.resources().isBlank() ? new Resource[0]
                    : new PathMatchingResourcePatternResolver().getResources(properties.resources());
            for (Resource r : resources) {
                try (InputStream in = r.getInputStream()) {
                    found.add(Map.entry("classpath:probes/" + r.getFilename(), in.readAllBytes()));
                }
            }
            shipped = List.copyOf(found);
        }
        return shipped;
    }

    private Map<String, byte[]> directory() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Path dir = properties.directory();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                // one byte more than a definition may have, so that the loader can tell it is too large
                try (InputStream in = Files.newInputStream(p)) {
                    files.put(p.toString(), in.readNBytes(ProbeLoader.MAX_BYTES + 1));
                } catch (IOException e) {
                    // being written or removed right now: the next scan sees it complete
                    LOG.debug("Probe definition {} not readable yet: {}", p, e.getMessage());
                }
            }
        }
        return files;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
