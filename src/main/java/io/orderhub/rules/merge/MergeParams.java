package io.orderhub.rules.merge;

/**
 * Parameters of the cross-store merge rule ({@code rules/cross-store-merge.yaml}).
 *
 * @param windowMinutes minutes between the first order of a group and the last one that may join (by payment time);
 *            default 30
 * @param includeHeld whether orders already held by an earlier rule may join a group; default false
 */
public record MergeParams(Integer windowMinutes, Boolean includeHeld) {

    public MergeParams {
        windowMinutes = windowMinutes == null ? 30 : windowMinutes;
        includeHeld = includeHeld != null && includeHeld;
    }

    public void check() {
        if (windowMinutes < 1 || windowMinutes > 1440) {
            throw new IllegalArgumentException("windowMinutes: must be between 1 and 1440, was " + windowMinutes);
        }
    }
}
