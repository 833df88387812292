package com.nolimits.synchub.outbound;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.store.Job;
import com.nolimits.synchub.store.JobClaims;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases of the jobs this instance holds. A claim leases its jobs for sync.queue.lease; a
 * push renews its job's lease when it starts, and routes/outbound-dispatch.camel.yaml renews all held
 * leases every sync.queue.lease-renew-interval, so a slow push keeps its job while this instance lives,
 * and a dead instance's jobs are taken over once their lease ran out.
 */
@Component
public class JobLeases {

    private final JobClaims claims;
    private final int leaseSeconds;
    private final Map<Long, Job> held = new ConcurrentHashMap<>();

    public JobLeases(JobClaims claims, SyncProperties properties) {
        this.claims = claims;
        this.leaseSeconds = (int) properties.getQueue().getLease().toSeconds();
    }

    /** The claim's jobs are held from now until their outcome. */
    public void hold(Collection<Job> claimed) {
        claimed.forEach(job -> held.put(job.id(), job));
    }

    /** The push starts: a fresh lease, or {@link JobTakenOverException} when another claim took the job meanwhile. */
    public void start(Job job) {
        if (claims.renewLeases(List.of(job), leaseSeconds).isEmpty()) {
            held.remove(job.id());
            throw new JobTakenOverException(job);
        }
    }

    /** Route step (renew-job-leases): extends every held lease; the jobs no longer held are forgotten. */
    public int renew() {
        List<Job> holding = List.copyOf(held.values());
        Set<Long> renewed = new HashSet<>(claims.renewLeases(holding, leaseSeconds));
        holding.stream().filter(job -> !renewed.contains(job.id())).forEach(job -> held.remove(job.id(), job));
        return renewed.size();
    }

    /** The job's outcome is written (or was refused): nothing more to renew. */
    public void release(Job job) {
        held.remove(job.id(), job);
    }
}
