package com.nolimits.synchub.cluster;

import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;

/**
 * The Quartz scheduler as camel-quartz is given it, for instances that start at the same moment.
 * <p>
 * Each quartz route stores its job and trigger when it starts, unless another instance stored them
 * before. Two instances starting together on a fresh schema both find them missing and both store
 * them; the second store fails on the job table's primary key, and Quartz reports that as a
 * JobPersistenceException, which stopped that instance's start-up. camel-quartz already handles the
 * case in clustered mode when it comes as Quartz's ObjectAlreadyExistsException (it then takes the
 * trigger the other instance stored), so a store that lost this race is answered as one.
 */
public final class ConcurrentStartScheduler {

    /** PostgreSQL's SQLSTATE for a unique violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private ConcurrentStartScheduler() {
    }

    public static Scheduler of(Scheduler scheduler) {
        return (Scheduler) Proxy.newProxyInstance(Scheduler.class.getClassLoader(), new Class<?>[]{Scheduler.class},
                (proxy, method, arguments) -> {
                    try {
                        return method.invoke(scheduler, arguments);
                    } catch (InvocationTargetException e) {
                        if (method.getName().equals("scheduleJob") && arguments.length == 2
                                && arguments[0] instanceof JobDetail job && storedByAnother(e.getCause())) {
                            ObjectAlreadyExistsException stored = new ObjectAlreadyExistsException(job);
                            stored.initCause(e.getCause());
                            throw stored;
                        }
                        throw e.getCause();
                    }
                });
    }

    private static boolean storedByAnother(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
