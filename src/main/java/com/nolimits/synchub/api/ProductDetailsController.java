package com.nolimits.synchub.api;

import com.nolimits.synchub.merge.FieldStamp;
import com.nolimits.synchub.merge.OwnershipRules;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.Product;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person looking into one product wants beside its values: which group decides each field and who
 * wrote it last, and what the product is on each channel.
 */
@RestController
@RequestMapping(path = "/api/integrations/product-sync/product/{productId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProductDetailsController {

    @Schema(description = "One field of a product: its value, the group that decides it, its last writer")
    public record FieldView(@Schema(example = "price") String field, Object value,
                            @Schema(description = "commerce, ops, shared or stock: after the product's and the client's overrides",
                                    example = "commerce") String group,
                            @Schema(description = "who wrote it last; null before any change of it") Origin lastUpdatedBy,
                            Instant lastUpdatedAt) {
    }

    @Schema(description = "A product's fields")
    public record Fields(List<FieldView> fields) {
    }

    @Schema(description = "A product's links, one per channel it reached")
    public record Links(List<LinkStore.LinkView> links) {
    }

    private final ClientScope scope;
    private final OwnershipRules rules;
    private final LinkStore links;

    public ProductDetailsController(ClientScope scope, OwnershipRules rules, LinkStore links) {
        this.scope = scope;
        this.rules = rules;
        this.links = links;
    }

    @GetMapping("/fields")
    public ResponseEntity<ApiAnswer<Fields>> fields(@PathVariable String productId) {
        Product product = scope.product(productId);
        List<FieldView> fields = new ArrayList<>();
        for (ProductField field : ProductField.values()) {
            FieldStamp stamp = product.snapshot().stamps().get(field);
            fields.add(new FieldView(field.key(), product.snapshot().value(field),
                    rules.groupOf(product.clientId(), product.snapshot().ownershipOverrides(), field).key(),
                    stamp == null ? null : stamp.origin(), stamp == null ? null : stamp.at()));
        }
        return ApiResponses.answer(new Fields(fields));
    }

    @GetMapping("/links")
    public ResponseEntity<ApiAnswer<Links>> links(@PathVariable String productId) {
        return ApiResponses.answer(new Links(links.views(scope.product(productId).id())));
    }
}
