package io.orderhub.status;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

/** A test reaction: remembers every change the backbone hands over. */
@ApplicationScoped
public class RecordingReaction implements StatusReaction {

    private final ConcurrentLinkedQueue<StatusChange> changes = new ConcurrentLinkedQueue<>();

    @Override
    public void onChange(Connection c, StatusChange change) {
        changes.add(change);
    }

    public List<StatusChange> changes(String hubOrderId) {
        return changes.stream().filter(ch -> ch.hubOrderId().toString().equals(hubOrderId)).toList();
    }
}
