package io.flexhub.flex.dr.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import io.flexhub.common.Backoff;

/**
 * The execution rules of a demand-response event, without I/O: given what the event has done so far and the time,
 * what to send the device next, and what an answer of the device changes.
 *
 * <ul>
 * <li>At each ISP boundary the ISP's setpoint is applied; a setpoint equal to the one the device already holds is
 * skipped, a {@code null} one gives the device back to its own schedule (RESTORE) if it was held.</li>
 * <li>At the end the device is restored; the event is COMPLETED if at least one command reached the device, FAILED
 * if none ever did. ISPs whose command never reached the device are listed as missed (note and transition).</li>
 * <li>A retryable failure keeps the event and retries with exponential back-off, never waiting past the next ISP
 * boundary; after {@code alertAfter} consecutive failures an alert is raised (once per failure streak). A RESTORE
 * still failing after {@code restoreAttempts} attempts ends the event FAILED with an alert: the device may still
 * hold its last setpoint.</li>
 * <li>A permanent failure ends the event FAILED; a device holding a setpoint is then restored.</li>
 * <li>A final event whose device still needs a RESTORE (cancelled, or failed while holding) keeps
 * {@code restorePending} until the RESTORE succeeds or is given up.</li>
 * </ul>
 */
public final class DrExecution {

    /** Index of the end-of-event RESTORE in {@link Act#isp()}; {@code -1} is the RESTORE of a final event. */
    public static final int FINAL_RESTORE = -1;

    private final Policy policy;

    public DrExecution(Policy policy) {
        this.policy = policy;
    }

    /**
     * @param initialDelay    first retry delay after a retryable failure, doubled per attempt
     * @param maxDelay        cap of that delay
     * @param alertAfter      consecutive failed attempts before an operator alert
     * @param restoreAttempts attempts after which a RESTORE is given up
     */
    public record Policy(Duration initialDelay, Duration maxDelay, int alertAfter, int restoreAttempts) {
    }

    /** What the event has done so far. {@code setpointsKw} holds one entry per ISP from {@code startAt}. */
    public record Progress(DrState state, Instant startAt, Instant endAt, Duration isp, List<Double> setpointsKw,
                           int appliedIsp, Double appliedKw, boolean acted, boolean restorePending,
                           List<Integer> missedIsps, int attempts, boolean alerted) {

        public Progress {
            setpointsKw = Collections.unmodifiableList(new ArrayList<>(setpointsKw));
            missedIsps = List.copyOf(missedIsps);
        }

        public int ispCount() {
            return setpointsKw.size();
        }

        Instant boundary(int index) {
            return index >= ispCount() ? endAt : startAt.plus(isp.multipliedBy(index));
        }
    }

    /** The next thing to do. */
    public sealed interface Step permits Wait, Act, Skip, Finish {
    }

    /** Nothing before {@code until}. */
    public record Wait(Instant until) implements Step {
    }

    /** Send a command; {@code isp} is the ISP index it is for, {@code ispCount} for the end, or FINAL_RESTORE. */
    public record Act(Command command, Double kw, int isp) implements Step {
    }

    /** The ISP's setpoint is what the device already holds: nothing to send. */
    public record Skip(int isp) implements Step {
    }

    /** End the event without a command. */
    public record Finish(DrState state, String reason) implements Step {
    }

    public enum Command { SETPOINT, RESTORE }

    /** A state change, for the audit trail and notifications. */
    public record Transition(DrState from, DrState to, String reason) {
    }

    /**
     * The event after a step.
     *
     * @param nextActionAt when the event is due again (irrelevant once final without a pending restore)
     * @param transition   the state change, or null
     * @param alert        an operator alert to raise, or null
     */
    public record Result(Progress progress, Instant nextActionAt, Transition transition, String alert,
                         String lastError, String note) {
    }

    public Step next(Progress p, Instant now) {
        if (p.state().isFinal()) {
            return p.restorePending() ? new Act(Command.RESTORE, null, FINAL_RESTORE) : new Finish(p.state(), null);
        }
        if (now.isBefore(p.startAt())) {
            return new Wait(p.startAt());
        }
        if (!now.isBefore(p.endAt())) {
            if (p.appliedKw() != null) {
                return new Act(Command.RESTORE, null, p.ispCount());
            }
            return p.acted()
                    ? new Finish(DrState.COMPLETED, "ended" + missedText(missedAtEnd(p)))
                    : new Finish(DrState.FAILED, "no ISP of the event could be actuated");
        }
        int isp = (int) Duration.between(p.startAt(), now).dividedBy(p.isp());
        if (p.appliedIsp() >= isp) {
            return new Wait(p.boundary(isp + 1));
        }
        Double target = p.setpointsKw().get(isp);
        if (same(target, p.appliedKw())) {
            return new Skip(isp);
        }
        return target == null ? new Act(Command.RESTORE, null, isp) : new Act(Command.SETPOINT, target, isp);
    }

    /** The event after a {@link Finish}. */
    public Result finish(Progress p, Finish f, Instant now) {
        if (p.state() == f.state()) {
            return new Result(p, now, null, null, null, null);
        }
        List<Integer> missed = missedAtEnd(p);
        Progress done = with(p, f.state(), p.appliedIsp(), p.appliedKw(), p.acted(), false, missed, 0, false);
        String alert = f.state() == DrState.FAILED ? f.reason() : null;
        return new Result(done, now, new Transition(p.state(), f.state(), f.reason()), alert, null,
                missed.isEmpty() ? null : "missed ISPs " + missed);
    }

    /** The event after a {@link Skip}. */
    public Result skipped(Progress p, Skip s) {
        List<Integer> missed = missedBefore(p, s.isp());
        Progress next = with(p, p.state(), s.isp(), p.appliedKw(), p.acted(), p.restorePending(), missed,
                p.attempts(), p.alerted());
        return new Result(next, p.boundary(s.isp() + 1), null, null, null, null);
    }

    public Result succeeded(Progress p, Act act, Instant now) {
        if (act.isp() == FINAL_RESTORE) {
            Progress next = with(p, p.state(), p.appliedIsp(), null, p.acted(), false, p.missedIsps(), 0, false);
            return new Result(next, now, null, null, null, "device restored after the event ended " + p.state());
        }
        if (act.isp() >= p.ispCount()) {
            List<Integer> missed = missedAtEnd(p);
            Progress next = with(p, DrState.COMPLETED, p.appliedIsp(), null, true, false, missed, 0, false);
            String reason = "device restored at the end" + missedText(missed);
            return new Result(next, now, new Transition(p.state(), DrState.COMPLETED, reason), null, null,
                    missed.isEmpty() ? null : "missed ISPs " + missed);
        }
        List<Integer> missed = missedBefore(p, act.isp());
        DrState state = p.state() == DrState.SCHEDULED ? DrState.ACTIVE : p.state();
        Progress next = with(p, state, act.isp(), act.kw(), true, false, missed, 0, false);
        Transition transition = state != p.state()
                ? new Transition(p.state(), state, describe(act) + missedText(missed)) : null;
        return new Result(next, p.boundary(act.isp() + 1), transition, null, null, null);
    }

    public Result failed(Progress p, Act act, boolean retryable, String error, Instant now) {
        String what = describe(act) + " failed: " + error;
        if (!retryable) {
            if (act.isp() == FINAL_RESTORE) {
                Progress next = with(p, p.state(), p.appliedIsp(), p.appliedKw(), p.acted(), false,
                        p.missedIsps(), p.attempts() + 1, true);
                return new Result(next, now, null, what + "; the device may still hold " + p.appliedKw() + " kW",
                        error, null);
            }
            boolean holding = act.command() == Command.SETPOINT && p.appliedKw() != null;
            Progress next = with(p, DrState.FAILED, p.appliedIsp(), p.appliedKw(), p.acted(), holding,
                    missedAtEnd(p), 0, false);
            String reason = "permanent error: " + what + (holding ? "; restoring the device" : "");
            return new Result(next, now, new Transition(p.state(), DrState.FAILED, reason), reason, error, null);
        }
        int attempts = p.attempts() + 1;
        boolean restore = act.command() == Command.RESTORE && (act.isp() == FINAL_RESTORE || act.isp() >= p.ispCount());
        if (restore && attempts >= policy.restoreAttempts()) {
            String reason = "gave up restoring after " + attempts + " attempts: " + error
                    + "; the device may still hold " + p.appliedKw() + " kW";
            if (act.isp() == FINAL_RESTORE) {
                Progress next = with(p, p.state(), p.appliedIsp(), p.appliedKw(), p.acted(), false,
                        p.missedIsps(), attempts, true);
                return new Result(next, now, null, reason, error, null);
            }
            Progress next = with(p, DrState.FAILED, p.appliedIsp(), p.appliedKw(), p.acted(), false,
                    missedAtEnd(p), attempts, true);
            return new Result(next, now, new Transition(p.state(), DrState.FAILED, reason), reason, error, null);
        }
        Instant retryAt = now.plus(backoff(attempts));
        if (!restore && retryAt.isAfter(p.boundary(act.isp() + 1))) {
            retryAt = p.boundary(act.isp() + 1);
        }
        boolean alert = attempts >= policy.alertAfter() && !p.alerted();
        Progress next = with(p, p.state(), p.appliedIsp(), p.appliedKw(), p.acted(), p.restorePending(),
                p.missedIsps(), attempts, p.alerted() || alert);
        return new Result(next, retryAt, null,
                alert ? what + " (" + attempts + " attempts so far, retrying until the ISP ends)" : null, error, null);
    }

    /** Delay before the next try, after {@code attempts} failures. */
    Duration backoff(int attempts) {
        return new Backoff(policy.initialDelay(), policy.maxDelay()).after(attempts);
    }

    private static String describe(Act act) {
        if (act.command() == Command.SETPOINT) {
            return "setpoint " + act.kw() + " kW for ISP " + act.isp();
        }
        return act.isp() < 0 ? "restore" : "restore for ISP " + act.isp();
    }

    private static String missedText(List<Integer> missed) {
        return missed.isEmpty() ? "" : "; missed ISPs " + missed;
    }

    /** ISPs after the last handled one and before {@code isp} were never actuated. */
    private static List<Integer> missedBefore(Progress p, int isp) {
        TreeSet<Integer> missed = new TreeSet<>(p.missedIsps());
        for (int t = p.appliedIsp() + 1; t < isp; t++) {
            if (!same(p.setpointsKw().get(t), p.appliedKw())) {
                missed.add(t);
            }
        }
        return List.copyOf(missed);
    }

    private static List<Integer> missedAtEnd(Progress p) {
        return missedBefore(p, p.ispCount());
    }

    private static boolean same(Double a, Double b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Math.abs(a - b) < EventSetpoints.NO_DEVIATION_KW;
    }

    private static Progress with(Progress p, DrState state, int appliedIsp, Double appliedKw, boolean acted,
                                 boolean restorePending, List<Integer> missed, int attempts, boolean alerted) {
        return new Progress(state, p.startAt(), p.endAt(), p.isp(), p.setpointsKw(), appliedIsp, appliedKw, acted,
                restorePending, missed, attempts, alerted);
    }
}
