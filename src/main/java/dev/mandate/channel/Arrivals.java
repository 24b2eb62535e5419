package dev.mandate.channel;

import java.util.List;

/**
 * Where the sync hands what a connector read: the ingest pipeline implements it (ingest depends on channel, not the
 * other way round). Items are stored, deduplicated and threaded in one transaction before the cursor moves on.
 */
public interface Arrivals {

    /** Stores the items of one account; returns how many were new. Throws if nothing could be stored. */
    int accept(ChannelAccount account, List<InboundItem> items);
}
