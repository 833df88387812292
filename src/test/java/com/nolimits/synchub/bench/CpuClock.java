package com.nolimits.synchub.bench;

import java.util.List;

/** The CPU time the hub processes under measurement have used so far, in seconds (user and system). */
@FunctionalInterface
interface CpuClock {

    double seconds() throws Exception;

    /** Of {@link #seconds()}, the time spent in the kernel for the processes (system time); NaN when not known. */
    default double systemSeconds() throws Exception {
        return Double.NaN;
    }

    /**
     * Of {@link #seconds()}, the time the JIT's compiler threads used, compiling what ran hot; NaN when not
     * known. A hub that meets new work compiles for minutes on a small machine, and that is not the work's cost.
     */
    default double compilerSeconds() throws Exception {
        return Double.NaN;
    }

    /** No clock (the database server does not run on this machine): every difference is NaN, reported as n/a. */
    CpuClock NONE = () -> Double.NaN;

    /** All of the given hubs together. */
    static CpuClock of(List<HubProcess> hubs) {
        return new CpuClock() {
            @Override
            public double seconds() throws Exception {
                return sum(hubs, HubProcess::cpuSeconds);
            }

            @Override
            public double systemSeconds() throws Exception {
                return sum(hubs, HubProcess::systemSeconds);
            }

            @Override
            public double compilerSeconds() throws Exception {
                return sum(hubs, HubProcess::compilerSeconds);
            }
        };
    }

    /** A figure of a hub's process (by its pid) summed over the hubs. */
    private static double sum(List<HubProcess> hubs, OfProcess figure) throws Exception {
        double total = 0;
        for (HubProcess hub : hubs) {
            total += figure.seconds(hub.pid());
        }
        return total;
    }

    @FunctionalInterface
    interface OfProcess {
        double seconds(long pid) throws Exception;
    }
}
