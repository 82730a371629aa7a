package org.archai4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per run directory: an exclusive lock on {@code .archai4j.lock} inside it, held while a search runs.
 * The operating system releases the lock when its process dies, so a lock left by a killed search never blocks; the
 * file only names the last holder (pid and start time) for the message a second search gets.
 *
 * <pre>{@code
 * try (RunLock lock = RunLock.acquire(outputDir)) {   // RunLockedException when another search holds it
 *     ... run the search ...
 * }
 * }</pre>
 *
 * @implNote Thread-safe. Two searches in one JVM exclude each other too; a caller that holds the lock hands it to
 *     the search it runs ({@code builder.runLock(lock)}).
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name in a run directory. */
    public static final String FILE_NAME = ".archai4j.lock";

    /** A run directory another process is using. */
    public static final class RunLockedException extends IllegalStateException {
        RunLockedException(String message) {
            super(message);
        }
    }

    /** The locks this JVM holds, by directory. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private record Held(FileChannel channel, FileLock lock) {
    }

    private final Path directory;
    private boolean closed;

    private RunLock(Path directory) {
        this.directory = directory;
    }

    /**
     * Locks {@code directory} (created if missing) for this process.
     *
     * @throws RunLockedException when another process holds it, naming its pid and start time
     */
    public static RunLock acquire(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(dir)) {
                throw new RunLockedException(dir + " is in use by another search in this process; wait for it to "
                        + "end or name another directory");
            }
            Path file = dir.resolve(FILE_NAME);
            FileChannel channel = null;
            try {
                Files.createDirectories(dir);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                    channel.close();
                    throw new RunLockedException(dir + " is in use by another search (" + (holder.isEmpty()
                            ? "a process that is starting" : holder) + "); wait for it to end or name another "
                            + "directory");
                }
                ProcessHandle self = ProcessHandle.current();
                String me = "pid " + self.pid() + ", started " + self.info().startInstant()
                        .map(Instant::toString).orElse("at an unknown time");
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                HELD.put(dir, new Held(channel, lock));
                return new RunLock(dir);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The locked directory. */
    public Path directory() {
        return directory;
    }

    /** Releases the lock; idempotent. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.remove(directory);
            if (held != null) {
                try {
                    held.lock().release();
                } catch (IOException ignored) {
                    // the channel's close below releases it as well
                }
                closeQuietly(held.channel());
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
