package dev.nimbus.events.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.object.KeyOrder;
import dev.nimbus.core.object.ObjectSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** ListObjectsV2 over an in-memory ordered key set: prefixes, delimiters, pages, tokens and rows read. */
class ListingTest {
    static final String MAX = "\uDBFF\uDFFF"; // U+10FFFF
    final TreeSet<String> keys = new TreeSet<>(KeyOrder::compare);
    int queries;
    int rowsRead;

    ListingTest() {
        keys.addAll(List.of("a/1", "a/2", "a/b/1", "a/b/2", "b", "c/x", "c/y", "d"));
    }

    /** The store's contract: keys with the prefix at or after {@code from}, in byte order, at most limit. */
    List<ObjectSummary> page(String prefix, String from, int limit) {
        queries++;
        List<ObjectSummary> page = (from == null ? keys : keys.tailSet(from, true)).stream()
                .filter(k -> k.startsWith(prefix)).limit(limit)
                .map(k -> new ObjectSummary(k, 1, "e", Instant.EPOCH)).toList();
        rowsRead += page.size();
        return page;
    }

    Listing.Result list(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return Listing.list(this::page, Listing.request(params));
    }

    /** Every key and common prefix, page after page. */
    List<String> all(String query) {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Listing.Result page = list(query + (token == null ? "" : "&continuation-token=" + token));
            seen.addAll(keys(page));
            seen.addAll(page.commonPrefixes());
            token = page.truncated() ? page.nextToken() : null;
        } while (token != null);
        return seen;
    }

    static List<String> keys(Listing.Result r) {
        return r.contents().stream().map(ObjectSummary::key).toList();
    }

    @Test
    void aDelimiterRollsKeysUpIntoCommonPrefixesListedOnce() {
        Listing.Result top = list("delimiter=/");
        assertThat(keys(top)).containsExactly("b", "d");
        assertThat(top.commonPrefixes()).containsExactly("a/", "c/");
        assertThat(top.truncated()).isFalse();
        assertThat(queries).as("each common prefix is sought past, not read through").isEqualTo(3);

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
    void manyCommonPrefixesCostRowsInProportionToMaxKeysNotToTheirKeys() {
        keys.clear();
        List<String> expected = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            String folder = "p%03d/".formatted(p);
            expected.add(folder);
            for (int k = 0; k < 200; k++) {
                keys.add(folder + "%03d".formatted(k));
            }
        }

        Listing.Result first = list("delimiter=/&max-keys=100");

        assertThat(first.commonPrefixes()).containsExactlyElementsOf(expected.subList(0, 100));
        assertThat(first.truncated()).isTrue();
        assertThat(rowsRead).as("at most 16 rows a prefix, not a page of 1,000").isLessThanOrEqualTo(101 * 16);
        assertThat(queries).isEqualTo(101);
        rowsRead = 0;
        assertThat(all("delimiter=/&max-keys=100")).containsExactlyElementsOf(expected);
        assertThat(rowsRead).isLessThanOrEqualTo(3 * 101 * 16);
    }

    @Test
    void pagesBetweenCommonPrefixesGrowAndEveryKeyIsListedOnce() {
        keys.clear();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (int k = 0; k < i; k++) { // 0, 1, 2, ... keys between one folder and the next
                String key = "k%02d-%02d".formatted(i, k);
                keys.add(key);
                expected.add(key);
            }
            keys.add("k%02d/inside".formatted(i));
            expected.add("k%02d/".formatted(i));
        }

        List<String> listed = new ArrayList<>(all("delimiter=/&max-keys=7")); // keys, then prefixes, of each page
        listed.sort(KeyOrder::compare);
        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(rowsRead).as("rows read beyond those listed").isLessThanOrEqualTo(expected.size() * 4);
    }

    @Test
    void aCommonPrefixEndingInTheGreatestCodePointIsSoughtPastByItsSuccessor() {
        keys.clear();
        keys.addAll(List.of("a" + MAX + "1", "a" + MAX + MAX + "2", "a" + MAX + "\uD83D\uDE00", "b"));

        assertThat(all("delimiter=" + MAX + "&max-keys=1")).containsExactly("a" + MAX, "b");
        assertThat(all("prefix=a" + MAX + "&delimiter=" + MAX)).containsExactly("a" + MAX + "1",
                "a" + MAX + "\uD83D\uDE00", "a" + MAX + MAX);
    }

    @Test
    void startAfterAndMaxKeysBounds() {
        assertThat(keys(list("start-after=a/b/1"))).containsExactly("a/b/2", "b", "c/x", "c/y", "d");
        assertThat(keys(list("start-after=a/b/10"))).as("a start-after that is no key").startsWith("a/b/2");
        assertThat(all("max-keys=3")).containsExactlyElementsOf(keys);
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
