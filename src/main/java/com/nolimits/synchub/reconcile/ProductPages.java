package com.nolimits.synchub.reconcile;

import com.nolimits.synchub.merge.Platform;
import org.apache.camel.Exchange;

import java.util.List;

/** How a commerce platform lists the products modified since a time, page by page. */
public interface ProductPages {

    Platform platform();

    /** Sets up the HTTP request of the sweep's next page. */
    void request(Exchange exchange, Sweep sweep) throws Exception;

    /** The page's products as the platform's webhook would carry them; sets the sweep's next page (or null). */
    List<ReadProduct> read(Exchange exchange, Sweep sweep);

    /** One product as a webhook body of {@code topic}. */
    record ReadProduct(String resourceId, String topic, String payload) {
    }
}
