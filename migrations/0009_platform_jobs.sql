-- Platform pieces the complaint desk brought: limits on anonymous sources, mail through
-- the operator's relay, the staff inbox.

-- What one anonymous source did within a window (reports sent, codes tried). The key is a
-- keyed hash of the limit, the window and the source (platform/crypto/vault.hpp): no
-- address or browser id is stored, and without the vault's key none can be tested.
CREATE TABLE rate_limits (
  limit_key KEY_T PRIMARY KEY,
  hits INTEGER NOT NULL,
  window_end_ms BIGINT NOT NULL
);
CREATE INDEX rate_limits_end ON rate_limits(window_end_ms);

-- Mail waiting for the SMTP relay. Recipient, subject and body are sealed (they can name a
-- reporter) and emptied once sent.
CREATE TABLE outbox (
  id ID_PK,
  recipient_sealed TEXT NOT NULL,
  subject_sealed TEXT NOT NULL,
  body_sealed TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  next_attempt_ms BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  last_error TEXT NOT NULL DEFAULT '',
  sent_at_ms BIGINT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_ms);

-- Staff inbox: a message (catalog key and its arguments, rendered in the reader's
-- language) and where it leads.
CREATE TABLE inbox (
  id ID_PK,
  user_id BIGINT NOT NULL REFERENCES users(id),
  at_ms BIGINT NOT NULL,
  message_key TEXT NOT NULL,
  message_args TEXT NOT NULL DEFAULT '{}',
  link TEXT NOT NULL,
  read_at_ms BIGINT
);
CREATE INDEX inbox_user ON inbox(user_id, read_at_ms, at_ms);

-- The survey's guard hashes its sources with the vault now, not with a stored salt.
DELETE FROM settings WHERE name = 'survey_guard_salt';
