package io.orderhub.writeback;

import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Write-back of shipments to the platforms, and its daily check. */
@ConfigMapping(prefix = "orderhub.writeback")
public interface WritebackConfig {

    /** Shipped orders are written back to their platforms (off: no write-back commands are planned). */
    @WithDefault("true")
    boolean enabled();

    /** The outbox system the write-back commands go to (its transport is {@code platform}). */
    @WithDefault("platform-writeback")
    String system();

    /** Whether the daily check runs on its timer (tests trigger it instead). */
    @WithDefault("true")
    boolean checkScheduled();

    /** Local time (connector.zone) after which the previous day's write-backs are checked against the platforms. */
    @WithDefault("04:00")
    LocalTime checkAt();
}
