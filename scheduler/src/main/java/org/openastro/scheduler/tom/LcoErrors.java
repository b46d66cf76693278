package org.openastro.scheduler.tom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation errors in the observation portal's shape (Django REST framework's): a tree that
 * follows the request, each field with a list of messages, a list of requests as a list holding
 * an object per request ({@code {}} for a request without errors), and errors of no single field
 * under {@code non_field_errors}. TOMs walk this tree to show each message beside its field.
 */
final class LcoErrors {
  static final String NON_FIELD = "non_field_errors";

  private final Map<String, Object> root = new LinkedHashMap<>();
  private String firstField;
  private String firstMessage;

  /**
   * Records {@code message} at {@code path}: field names ({@code String}) and list positions
   * ({@code Integer}), e.g. {@code requests, 0, windows}; an empty path is a non-field error.
   */
  void add(List<Object> path, String message) {
    if (firstMessage == null) {
      firstField = dotted(path);
      firstMessage = message;
    }
    Map<String, Object> at = root;
    for (int i = 0; i < path.size(); i++) {
      Object step = path.get(i);
      boolean last = i == path.size() - 1;
      if (!(step instanceof String key)) {
        break; // a path never starts at a list position: the message lands on the nearest object
      }
      if (last) {
        leaf(at, key).add(message);
        return;
      }
      Object next = path.get(i + 1);
      if (next instanceof Integer index) {
        List<Map<String, Object>> items = items(at, key);
        if (items == null) {
          break;
        }
        while (items.size() <= index) {
          items.add(new LinkedHashMap<>());
        }
        at = items.get(index);
        i++; // the index is consumed
        if (i == path.size() - 1) {
          break; // a message about a whole item
        }
      } else {
        Map<String, Object> child = object(at, key);
        if (child == null) {
          break;
        }
        at = child;
      }
    }
    leaf(at, NON_FIELD).add(message);
  }

  boolean isEmpty() {
    return firstMessage == null;
  }

  /** The tree, as the portal answers it ({@code {}} when there is no error). */
  Map<String, Object> tree() {
    return root;
  }

  /** The first error's field as {@code requests[0].windows} (null for a non-field error). */
  String firstField() {
    return firstField;
  }

  String firstMessage() {
    return firstMessage;
  }

  /** {@code requests[0].configurations[1].target.type}; null for an empty path. */
  static String dotted(List<Object> path) {
    if (path.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(step);
      }
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> leaf(Map<String, Object> at, String key) {
    Object existing = at.get(key);
    if (existing instanceof List<?> list && (list.isEmpty() || list.get(0) instanceof String)) {
      return (List<String>) list;
    }
    if (existing != null) {
      // the field already holds nested errors: the message goes beside them
      return leaf(at, NON_FIELD);
    }
    List<String> created = new ArrayList<>();
    at.put(key, created);
    return created;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> at, String key) {
    Object existing = at.get(key);
    if (existing == null) {
      List<Map<String, Object>> created = new ArrayList<>();
      at.put(key, created);
      return created;
    }
    return existing instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map ? (List<Map<String, Object>>) list
        : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> at, String key) {
    Object existing = at.get(key);
    if (existing == null) {
      Map<String, Object> created = new LinkedHashMap<>();
      at.put(key, created);
      return created;
    }
    return existing instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }
}
