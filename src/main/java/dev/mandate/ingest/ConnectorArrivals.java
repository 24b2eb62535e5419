package dev.mandate.ingest;

import dev.mandate.channel.Arrivals;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.InboundItem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ingest pipeline as the channel sync sees it: a page read by a connector goes through {@link Ingest} in one
 * transaction. Items the rules reject are logged by index and field (never their text) and skipped; the rest are stored.
 */
@Component
class ConnectorArrivals implements Arrivals {

    private static final Logger log = LoggerFactory.getLogger(ConnectorArrivals.class);

    private final Ingest ingest;

    ConnectorArrivals(Ingest ingest) {
        this.ingest = ingest;
    }

    @Override
    @Transactional
    public int accept(ChannelAccount account, List<InboundItem> items) {
        String accountId = account.id().toString();
        int stored = 0;
        for (int from = 0; from < items.size(); from += Ingest.MAX_BATCH) {
            List<InboundItem> batch = items.subList(from, Math.min(items.size(), from + Ingest.MAX_BATCH)).stream()
                    .map(item -> item.onAccount(accountId))
                    .toList();
            IngestReport report = ingest.accept(account.workspaceId(), batch);
            stored += report.stored();
            for (Rejection rejected : report.rejected()) {
                log.warn(
                        "Skipped an item from {} account {}: {} ({})",
                        account.network(),
                        accountId,
                        rejected.field(),
                        rejected.message());
            }
        }
        return stored;
    }
}
