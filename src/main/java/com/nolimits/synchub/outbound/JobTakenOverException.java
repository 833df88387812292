package com.nolimits.synchub.outbound;

import com.nolimits.synchub.store.Job;

/** The job's lease ran out and another claim (another instance, or a later round) took it: this one must not push. */
public class JobTakenOverException extends RuntimeException {

    public JobTakenOverException(Job job) {
        super("job " + job.id() + " was taken over by another claim before its push started");
    }
}
