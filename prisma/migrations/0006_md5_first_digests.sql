-- Secret storage with both digests, MD5 challenged first. With SHA-256 first (md5_sha256) Asterisk
-- sends two WWW-Authenticate headers, SHA-256 on top, and a phone that reads only the first one
-- and knows only MD5 cannot register (SIPp 3.6.1 did exactly that).
ALTER TYPE sb_secret_storage ADD VALUE 'md5_then_sha256';
