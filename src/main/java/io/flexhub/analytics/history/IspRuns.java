package io.flexhub.analytics.history;

import java.util.List;

/**
 * The {@code isp_runs} text of migration V22: a request's ISPs as runs of consecutive ISPs with the same
 * disposition and bounds, {@code start,count,R|A,minW,maxW} joined by {@code ;}. A DSO lists the Available ISPs of
 * a day with equal bounds, so a request of 96 ISPs is a handful of runs.
 */
final class IspRuns {

    /** Receives the ISPs of decoded runs. */
    interface Sink {
        void isp(int isp, boolean requested, long minPowerW, long maxPowerW);
    }

    private IspRuns() {
    }

    /** @param isps ascending by ISP number */
    static String encode(List<FlexRequestRecord.Isp> isps) {
        StringBuilder runs = new StringBuilder(isps.size() * 4);
        int i = 0;
        while (i < isps.size()) {
            FlexRequestRecord.Isp first = isps.get(i);
            int j = i + 1;
            while (j < isps.size() && continues(isps.get(j - 1), isps.get(j))) {
                j++;
            }
            if (runs.length() > 0) {
                runs.append(';');
            }
            runs.append(first.isp()).append(',').append(j - i).append(',').append(first.requested() ? 'R' : 'A')
                    .append(',').append(first.minPowerW()).append(',').append(first.maxPowerW());
            i = j;
        }
        return runs.toString();
    }

    private static boolean continues(FlexRequestRecord.Isp previous, FlexRequestRecord.Isp next) {
        return next.isp() == previous.isp() + 1 && next.requested() == previous.requested()
                && next.minPowerW() == previous.minPowerW() && next.maxPowerW() == previous.maxPowerW();
    }

    /** @throws IllegalArgumentException if the text is not in the format */
    static void decode(String runs, Sink sink) {
        if (runs.isEmpty()) {
            return;
        }
        int at = 0;
        int length = runs.length();
        while (at < length) {
            int end = runs.indexOf(';', at);
            if (end < 0) {
                end = length;
            }
            int c1 = runs.indexOf(',', at);
            int c2 = runs.indexOf(',', c1 + 1);
            int c3 = runs.indexOf(',', c2 + 1);
            int c4 = runs.indexOf(',', c3 + 1);
            if (c1 < 0 || c2 < 0 || c3 < 0 || c4 < 0 || c4 > end || c3 != c2 + 2) {
                throw new IllegalArgumentException("isp_runs is malformed near '" + runs.substring(at, end) + "'");
            }
            int start = Integer.parseInt(runs, at, c1, 10);
            int count = Integer.parseInt(runs, c1 + 1, c2, 10);
            boolean requested = runs.charAt(c2 + 1) == 'R';
            long min = Long.parseLong(runs, c3 + 1, c4, 10);
            long max = Long.parseLong(runs, c4 + 1, end, 10);
            for (int isp = start; isp < start + count; isp++) {
                sink.isp(isp, requested, min, max);
            }
            at = end + 1;
        }
    }
}
