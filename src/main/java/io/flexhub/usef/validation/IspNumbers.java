package io.flexhub.usef.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** Writes ISP numbers for people: "ISPs 1-4, 9" rather than 1, 2, 3, 4, 9. */
public final class IspNumbers {

    private IspNumbers() {
    }

    public static String compact(SortedSet<Integer> isps) {
        List<String> runs = new ArrayList<>();
        Integer runStart = null;
        Integer previous = null;
        for (int isp : isps) {
            if (previous == null || isp != previous + 1) {
                addRun(runs, runStart, previous);
                runStart = isp;
            }
            previous = isp;
        }
        addRun(runs, runStart, previous);
        return (isps.size() == 1 ? "ISP " : "ISPs ") + String.join(", ", runs);
    }

    /** Labels of ISP elements, each a number or a range such as "5-8". */
    static String labels(List<String> labels) {
        return (labels.size() == 1 && !labels.get(0).contains("-") ? "ISP " : "ISPs ") + String.join(", ", labels);
    }

    private static void addRun(List<String> runs, Integer start, Integer end) {
        if (start != null) {
            runs.add(start.equals(end) ? start.toString() : start + "-" + end);
        }
    }
}
