package io.flexhub.usef.time;

/**
 * One UFTP ISP element: {@code Start} and {@code Duration} (number of ISPs), exactly as received, so that
 * invalid values can still be reported instead of failing on construction.
 */
public record IspRange(long start, long duration) {

    /**
     * The generated UFTP classes default a missing Duration to 1 but leave a missing Start null; 0 makes such an
     * element fail the bounds check rather than throw.
     */
    public static IspRange of(Long start, long duration) {
        return new IspRange(start == null ? 0 : start, duration);
    }

    public static IspRange single(long isp) {
        return new IspRange(isp, 1);
    }

    /** Saturates instead of overflowing, so absurd input stays comparable. */
    public long last() {
        if (duration < 1) {
            return start - 1;
        }
        return start > Long.MAX_VALUE - (duration - 1) ? Long.MAX_VALUE : start + duration - 1;
    }

    public boolean isWithin(int ispCount) {
        return start >= 1 && duration >= 1 && start <= ispCount && duration <= ispCount - start + 1;
    }

    /** "5" or "5-8", as used in rejection reasons. */
    public String label() {
        return duration == 1 ? Long.toString(start) : start + "-" + last();
    }
}
