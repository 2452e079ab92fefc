-- Extensions adopted from an existing PBX keep their voicemail box where it is: its messages are
-- stored under its context (spool directories, or the dir column of ODBC storage), so moving the
-- box into the tenant's context would lose them. Such a box is named here as Asterisk names it,
-- `<mailbox>@<context>`; null means the usual `<number>@<tenant context>`. The routing view reads
-- it (the sb_extensions triggers of 0003 already announce the change), so calls that go unanswered
-- reach the box the phone has always had.
ALTER TABLE sb_extensions ADD COLUMN voicemail_box VARCHAR(200);
