package dev.nimbus.core.function;

/** Lambda ARNs of Nimbus functions. Nimbus has one region and one account, shown as AWS's local placeholders. */
public final class Arns {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    private static final String PREFIX = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:";

    private Arns() {
    }

    /** {@code arn:aws:lambda:us-east-1:000000000000:function:<name>[:<qualifier>]}. */
    public static String function(String name, String qualifier) {
        return PREFIX + name + (qualifier == null ? "" : ":" + qualifier);
    }
}
