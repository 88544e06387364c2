package dev.nimbus.events.objects;

import java.util.regex.Pattern;

/**
 * S3's rules for bucket names (general purpose buckets): 3-63 characters of lower-case letters,
 * digits, '.' and '-', beginning and ending with a letter or digit, no two adjacent periods, not
 * shaped like an IP address, and none of the reserved prefixes and suffixes.
 */
public final class BucketNames {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    /** Why {@code name} is not a valid bucket name, or null if it is. */
    public static String problem(String name) {
        if (name == null || !SHAPE.matcher(name).matches()) {
            return "Bucket names must be 3-63 characters long, of lower-case letters, digits, '.' and '-', "
                    + "and begin and end with a letter or digit";
        }
        if (name.contains("..")) {
            return "Bucket names must not contain two adjacent periods";
        }
        if (IP.matcher(name).matches()) {
            return "Bucket names must not be formatted as an IP address";
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias")
                || name.endsWith("--ol-s3")) {
            return "Bucket names must not begin with xn-- or sthree- or end with -s3alias or --ol-s3";
        }
        return null;
    }
}
