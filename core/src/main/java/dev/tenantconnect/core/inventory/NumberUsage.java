package dev.tenantconnect.core.inventory;

/** What a number is for, as Teams distinguishes it. */
public enum NumberUsage {
    /** A person's number. */
    USER,
    /** An auto attendant or call queue (resource account). */
    VOICE_APPLICATION,
    /** An audio-conferencing bridge. */
    CONFERENCE
}
