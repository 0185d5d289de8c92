package dev.vireo.monitor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * At most one fetch per key under way: requests that arrive while one runs make one more fetch
 * after it, not one each, so a burst of events about one object costs two fetches at most. Used
 * on the monitor's update thread only; results are applied there too.
 */
final class OneFetchPerKey<K> {
    private final Executor updates;
    private final Map<K, CompletableFuture<Void>> inFlight = new HashMap<>();
    private final Set<K> stale = new HashSet<>();

    OneFetchPerKey(Executor updates) {
        this.updates = updates;
    }

    /**
     * Fetches for {@code key} with {@code fetch} and hands the result (or the failure) to
     * {@code apply}; completes when what was applied is at least as new as this request.
     */
    <T> CompletableFuture<Void> request(K key, Supplier<CompletableFuture<T>> fetch, BiConsumer<T, Throwable> apply) {
        CompletableFuture<Void> underWay = inFlight.get(key);
        if (underWay != null) {
            stale.add(key);
            return underWay;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight.put(key, done);
        fetch.get().whenComplete((result, failure) -> updates.execute(() -> {
            inFlight.remove(key);
            try {
                apply.accept(result, failure);
            } finally {
                if (stale.remove(key)) {
                    request(key, fetch, apply).whenComplete((v, again) -> done.complete(null));
                } else {
                    done.complete(null);
                }
            }
        }));
        return done;
    }

    /** Forgets a key that is gone, so its bookkeeping does not outlive it. */
    void forget(K key) {
        stale.remove(key);
    }

    /** Keys with a fetch under way or asked again: bounded by the objects that exist. */
    int tracked() {
        return inFlight.size() + stale.size();
    }
}
