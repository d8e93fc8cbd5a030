-- EMAIL_TRANSPORT=log: a notification that was deliberately not sent is never marked SENT.
ALTER TYPE "NotificationStatus" ADD VALUE 'NOT_SENT' AFTER 'SENDING';
