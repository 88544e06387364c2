package dev.nimbus.events.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.object.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** ListObjectsV2 over an in-memory ordered key set: prefixes, delimiters, pages and tokens. */
class ListingTest {
    static final List<String> KEYS = List.of("a/1", "a/2", "a/b/1", "a/b/2", "b", "c/x", "c/y", "d");
    final List<String> queries = new ArrayList<>();

    /** The store's contract: keys with the prefix after {@code after}, in order, at most limit. */
    List<ObjectInfo> page(String prefix, String after, int limit) {
        queries.add(after);
        return new TreeSet<>(KEYS).stream().filter(k -> k.startsWith(prefix) && (after == null || k.compareTo(after) > 0))
                .limit(limit).map(k -> new ObjectInfo("b", k, 1, "e", "t", Map.of(), Instant.EPOCH, "0")).toList();
    }

    Listing.Result list(String query) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return Listing.list(this::page, Listing.request(params));
    }

    static List<String> keys(Listing.Result r) {
        return r.contents().stream().map(ObjectInfo::key).toList();
    }

    @Test
    void aDelimiterRollsKeysUpIntoCommonPrefixesListedOnce() {
        Listing.Result top = list("delimiter=/");
        assertThat(keys(top)).containsExactly("b", "d");
        assertThat(top.commonPrefixes()).containsExactly("a/", "c/");
        assertThat(top.truncated()).isFalse();
        assertThat(queries).as("each common prefix is sought past, not read through").hasSize(3);

        Listing.Result underA = list("prefix=a/&delimiter=/");
        assertThat(keys(underA)).containsExactly("a/1", "a/2");
        assertThat(underA.commonPrefixes()).containsExactly("a/b/");
    }

    @Test
    void pagesOfMaxKeysCountKeysAndPrefixesAndResumeFromTheirToken() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Listing.Result page = list("delimiter=/&max-keys=1" + (token == null ? "" : "&continuation-token=" + token));
            seen.addAll(keys(page));
            seen.addAll(page.commonPrefixes());
            assertThat(page.contents().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(1);
            token = page.truncated() ? page.nextToken() : null;
            pages++;
        } while (token != null);
        assertThat(seen).containsExactly("a/", "b", "c/", "d");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void startAfterAndMaxKeysBounds() {
        assertThat(keys(list("start-after=a/b/1"))).containsExactly("a/b/2", "b", "c/x", "c/y", "d");
        Listing.Result none = list("max-keys=0");
        assertThat(none.contents()).isEmpty();
        assertThat(none.truncated()).isFalse();
        assertThat(Listing.request(Map.of("max-keys", "5000")).maxKeys()).isEqualTo(1000);
        assertThatThrownBy(() -> Listing.request(Map.of("max-keys", "-1"))).isInstanceOf(S3Error.class);
        assertThatThrownBy(() -> Listing.request(Map.of("continuation-token", "garbage!")))
                .hasMessageContaining("continuation token");
        assertThatThrownBy(() -> Listing.request(Map.of("encoding-type", "base64"))).isInstanceOf(S3Error.class);
    }
}
