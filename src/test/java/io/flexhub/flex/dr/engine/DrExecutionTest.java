package io.flexhub.flex.dr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flexhub.flex.dr.engine.DrExecution.Act;
import io.flexhub.flex.dr.engine.DrExecution.Command;
import io.flexhub.flex.dr.engine.DrExecution.Finish;
import io.flexhub.flex.dr.engine.DrExecution.Progress;
import io.flexhub.flex.dr.engine.DrExecution.Result;
import io.flexhub.flex.dr.engine.DrExecution.Skip;
import io.flexhub.flex.dr.engine.DrExecution.Wait;

class DrExecutionTest {

    private static final Instant START = Instant.parse("2026-11-27T16:00:00Z");
    private static final Duration ISP = Duration.ofMinutes(15);
    private final DrExecution execution = new DrExecution(
            new DrExecution.Policy(Duration.ofSeconds(5), Duration.ofSeconds(60), 3, 4));

    private static Progress scheduled(Double... setpoints) {
        return new Progress(DrState.SCHEDULED, START, START.plus(ISP.multipliedBy(setpoints.length)), ISP,
                Arrays.asList(setpoints), -1, null, false, false, List.of(), 0, false);
    }

    private static Instant at(int isp, int seconds) {
        return START.plus(ISP.multipliedBy(isp)).plusSeconds(seconds);
    }

    @Test
    void runs_each_isp_setpoint_skips_unchanged_ones_and_restores_at_the_end() {
        Progress p = scheduled(3.0, 3.0, null, 2.5);

        assertThat(execution.next(p, START.minusSeconds(60))).isEqualTo(new Wait(START));

        Act first = (Act) execution.next(p, at(0, 1));
        assertThat(first).isEqualTo(new Act(Command.SETPOINT, 3.0, 0));
        Result r = execution.succeeded(p, first, at(0, 1));
        assertThat(r.progress().state()).isEqualTo(DrState.ACTIVE);
        assertThat(r.transition().from()).isEqualTo(DrState.SCHEDULED);
        assertThat(r.transition().reason()).isEqualTo("setpoint 3.0 kW for ISP 0");
        assertThat(r.nextActionAt()).isEqualTo(at(1, 0));
        p = r.progress();

        assertThat(execution.next(p, at(0, 500))).isEqualTo(new Wait(at(1, 0)));
        Skip same = (Skip) execution.next(p, at(1, 0));
        assertThat(same.isp()).isEqualTo(1);
        r = execution.skipped(p, same);
        assertThat(r.nextActionAt()).isEqualTo(at(2, 0));
        assertThat(r.transition()).isNull();
        p = r.progress();

        Act free = (Act) execution.next(p, at(2, 0));
        assertThat(free).isEqualTo(new Act(Command.RESTORE, null, 2));
        p = execution.succeeded(p, free, at(2, 0)).progress();
        assertThat(p.appliedKw()).isNull();

        Act last = (Act) execution.next(p, at(3, 2));
        assertThat(last).isEqualTo(new Act(Command.SETPOINT, 2.5, 3));
        p = execution.succeeded(p, last, at(3, 2)).progress();

        Act end = (Act) execution.next(p, at(4, 0));
        assertThat(end).isEqualTo(new Act(Command.RESTORE, null, 4));
        r = execution.succeeded(p, end, at(4, 0));
        assertThat(r.progress().state()).isEqualTo(DrState.COMPLETED);
        assertThat(r.transition().reason()).isEqualTo("device restored at the end");
        assertThat(r.progress().missedIsps()).isEmpty();
    }

    @Test
    void retries_with_back_off_capped_at_the_next_boundary_and_alerts_once() {
        Progress p = scheduled(3.0, 2.0);
        Act first = (Act) execution.next(p, at(0, 0));

        Result r1 = execution.failed(p, first, true, "broker down", at(0, 0));
        assertThat(r1.progress().state()).isEqualTo(DrState.SCHEDULED);
        assertThat(r1.progress().attempts()).isEqualTo(1);
        assertThat(r1.nextActionAt()).isEqualTo(at(0, 5));
        assertThat(r1.alert()).isNull();
        Result r2 = execution.failed(r1.progress(), first, true, "broker down", at(0, 5));
        assertThat(r2.nextActionAt()).isEqualTo(at(0, 15));
        Result r3 = execution.failed(r2.progress(), first, true, "broker down", at(0, 15));
        assertThat(r3.alert()).contains("setpoint 3.0 kW for ISP 0 failed: broker down").contains("3 attempts");
        Result r4 = execution.failed(r3.progress(), first, true, "broker down", at(0, 880));
        assertThat(r4.alert()).isNull();
        assertThat(r4.nextActionAt()).isEqualTo(at(1, 0));

        Act second = (Act) execution.next(r4.progress(), at(1, 0));
        assertThat(second).isEqualTo(new Act(Command.SETPOINT, 2.0, 1));
        Result ok = execution.succeeded(r4.progress(), second, at(1, 0));
        assertThat(ok.progress().state()).isEqualTo(DrState.ACTIVE);
        assertThat(ok.progress().missedIsps()).containsExactly(0);
        assertThat(ok.transition().reason()).isEqualTo("setpoint 2.0 kW for ISP 1; missed ISPs [0]");
        assertThat(ok.progress().attempts()).isZero();
        assertThat(ok.progress().alerted()).isFalse();

        Result done = execution.succeeded(ok.progress(), (Act) execution.next(ok.progress(), at(2, 0)), at(2, 0));
        assertThat(done.progress().state()).isEqualTo(DrState.COMPLETED);
        assertThat(done.note()).isEqualTo("missed ISPs [0]");
    }

    @Test
    void fails_when_no_isp_could_be_actuated() {
        Progress p = scheduled(3.0);
        Result r = execution.failed(p, (Act) execution.next(p, at(0, 0)), true, "broker down", at(0, 0));

        Finish finish = (Finish) execution.next(r.progress(), at(1, 0));
        Result end = execution.finish(r.progress(), finish, at(1, 0));

        assertThat(end.progress().state()).isEqualTo(DrState.FAILED);
        assertThat(end.transition().reason()).isEqualTo("no ISP of the event could be actuated");
        assertThat(end.alert()).isEqualTo("no ISP of the event could be actuated");
        assertThat(end.progress().missedIsps()).containsExactly(0);
    }

    @Test
    void a_permanent_error_fails_the_event_and_restores_a_device_holding_a_setpoint() {
        Progress p = scheduled(3.0, 2.0);
        Act first = (Act) execution.next(p, at(0, 0));
        p = execution.succeeded(p, first, at(0, 0)).progress();
        Act second = (Act) execution.next(p, at(1, 0));

        Result r = execution.failed(p, second, false, "unknown device", at(1, 0));

        assertThat(r.progress().state()).isEqualTo(DrState.FAILED);
        assertThat(r.progress().restorePending()).isTrue();
        assertThat(r.transition().reason()).startsWith("permanent error: setpoint 2.0 kW for ISP 1 failed");
        assertThat(execution.next(r.progress(), at(1, 1))).isEqualTo(new Act(Command.RESTORE, null, -1));
        Result restored = execution.succeeded(r.progress(), new Act(Command.RESTORE, null, -1), at(1, 1));
        assertThat(restored.progress().restorePending()).isFalse();
        assertThat(restored.progress().state()).isEqualTo(DrState.FAILED);
        assertThat(execution.next(restored.progress(), at(1, 2))).isEqualTo(new Finish(DrState.FAILED, null));
    }

    @Test
    void gives_up_a_restore_after_the_configured_attempts() {
        Progress p = scheduled(3.0);
        p = execution.succeeded(p, (Act) execution.next(p, at(0, 0)), at(0, 0)).progress();
        Act end = (Act) execution.next(p, at(1, 0));
        Result r = null;
        for (int i = 0; i < 4; i++) {
            r = execution.failed(p, end, true, "broker down", at(1, i * 60));
            p = r.progress();
        }
        assertThat(r.progress().state()).isEqualTo(DrState.FAILED);
        assertThat(r.transition().reason()).startsWith("gave up restoring after 4 attempts")
                .endsWith("the device may still hold 3.0 kW");
    }

    @Test
    void a_late_start_acts_on_the_current_isp_and_records_the_missed_ones() {
        Progress p = scheduled(3.0, 2.0, 1.0);
        Act act = (Act) execution.next(p, at(2, 30));
        assertThat(act).isEqualTo(new Act(Command.SETPOINT, 1.0, 2));
        Result r = execution.succeeded(p, act, at(2, 30));
        assertThat(r.progress().missedIsps()).containsExactly(0, 1);
    }

    @Test
    void back_off_doubles_up_to_the_cap() {
        assertThat(execution.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(execution.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(execution.backoff(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(execution.backoff(10)).isEqualTo(Duration.ofSeconds(60));
    }
}
