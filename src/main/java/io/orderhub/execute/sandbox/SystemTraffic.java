package io.orderhub.execute.sandbox;

import java.util.Random;

/**
 * One sandbox system's control and traffic: requests received, failures injected, and the decision for each request
 * (down, then the next n, then a seeded share).
 */
final class SystemTraffic {

    private long received;
    private long failures;
    private DownstreamControl control = DownstreamControl.NONE;
    private Random random = new Random(DownstreamControl.NONE.seed());

    synchronized void control(DownstreamControl next) {
        control = next;
        random = new Random(next.seed());
    }

    synchronized DownstreamControl control() {
        return control;
    }

    synchronized DownstreamSandbox.Fault admit() {
        received++;
        DownstreamSandbox.Fault fault = DownstreamSandbox.Fault.NONE;
        if (control.down()) {
            fault = DownstreamSandbox.Fault.DOWN;
        } else if (control.failNext() > 0) {
            control = control.withFailNext(control.failNext() - 1);
            fault = DownstreamSandbox.Fault.FAIL;
        } else if (control.failShare() > 0 && random.nextDouble() < control.failShare()) {
            fault = DownstreamSandbox.Fault.FAIL;
        }
        if (fault != DownstreamSandbox.Fault.NONE) {
            failures++;
        }
        return fault;
    }

    synchronized boolean failsItem(String code) {
        boolean fails = code != null && control.failItems().contains(code);
        if (fails) {
            failures++;
        }
        return fails;
    }

    synchronized long received() {
        return received;
    }

    synchronized long failures() {
        return failures;
    }

    synchronized void reset() {
        received = 0;
        failures = 0;
        control(DownstreamControl.NONE);
    }
}
