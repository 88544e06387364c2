package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which directories a write makes durable: every entry it adds, new shard directories included. */
class ObjectFilesTest {
    @TempDir
    Path dataDir;
    final List<Path> synced = new ArrayList<>();

    private ObjectFiles.Staged publish(ObjectFiles files) throws IOException {
        ObjectFiles.Staged staged = files.stage(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), 10);
        staged.publish();
        return staged;
    }

    @Test
    void aNewShardDirectoryIsMadeDurableInItsParentBeforeItsFirstFile() throws IOException {
        Path objects = dataDir.resolve("objects");
        var files = new ObjectFiles(objects, synced::add);
        assertThat(synced).as("objects/ and objects/tmp/ created").containsExactly(dataDir, objects);
        synced.clear();

        ObjectFiles.Staged first = publish(files);
        Path shard = objects.resolve(first.blob().substring(0, 2));

        assertThat(synced).containsExactly(objects, shard);
        synced.clear();
        var again = new ObjectFiles(objects, synced::add);
        assertThat(synced).as("nothing new at the next start").isEmpty();
        ObjectFiles.Staged second = publish(again);
        assertThat(synced).last().isEqualTo(objects.resolve(second.blob().substring(0, 2)));
    }
}
