package io.orderhub.connector.api;

/**
 * Which page to ask for: a 1-based page number for {@link PlatformApi.Paging#NUMBERED} APIs (an implementation whose
 * platform counts from 0 converts), or the cursor of the previous page ({@code null} for the first) for
 * {@link PlatformApi.Paging#CURSOR} APIs.
 */
public record PageRequest(int page, String cursor, int pageSize) {

    public static PageRequest numbered(int page, int pageSize) {
        return new PageRequest(page, null, pageSize);
    }

    public static PageRequest cursor(String cursor, int pageSize) {
        return new PageRequest(0, cursor, pageSize);
    }
}
