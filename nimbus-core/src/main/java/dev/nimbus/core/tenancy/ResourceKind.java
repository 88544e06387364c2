package dev.nimbus.core.tenancy;

/** The named resources a namespace owns. Names are unique per kind across the installation. */
public enum ResourceKind {
    FUNCTION("function"),
    TOPIC("topic"),
    BUCKET("bucket"),
    SCHEDULE("schedule"),
    SECRET("secret");

    private final String wireName;

    ResourceKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored and shown, e.g. {@code function}. */
    public String wireName() {
        return wireName;
    }

    /** The kind stored as {@code wireName}. */
    public static ResourceKind parse(String wireName) {
        for (ResourceKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown resource kind " + wireName);
    }
}
