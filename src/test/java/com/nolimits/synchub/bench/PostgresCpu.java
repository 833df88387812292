package com.nolimits.synchub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The CPU time the PostgreSQL server has used so far, from /proc: its postmaster's own and its exited
 * children's (the kernel adds a reaped child's time to its parent's cutime and cstime), plus every live
 * child's: the hub's backends, autovacuum, the WAL writer and checkpointer. During a benchmark the hub is
 * the server's only client, so the difference over a run is what the hub's work cost the database.
 * Readable only when the server runs on this machine (the local one, or the embedded one of the tests).
 */
final class PostgresCpu implements CpuClock {

    private final long postmaster;

    private PostgresCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The server behind the URL; null when it does not run here (its data directory is not on this machine). */
    static PostgresCpu of(BenchSettings settings) {
        try (Connection db = DriverManager.getConnection(settings.databaseUrl(), "postgres", "");
             Statement statement = db.createStatement();
             ResultSet directory = statement.executeQuery("show data_directory")) {
            directory.next();
            Path pidFile = Path.of(directory.getString(1), "postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return Files.isReadable(Path.of("/proc", String.valueOf(pid), "stat")) ? new PostgresCpu(pid) : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public double seconds() throws Exception {
        double total = HubProcess.cpuSeconds(postmaster) + childrenReaped(postmaster);
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[1]) == postmaster) { // ppid: field 4
                        total += HubProcess.cpuSeconds(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // exited meanwhile: its time is in the postmaster's cutime now
                }
            }
        }
        return total;
    }

    /** cutime + cstime (fields 16 and 17): the time of the children it has waited for. */
    private static double childrenReaped(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / (double) HubProcess.CLOCK_TICKS;
    }
}
