-- Sending introductions to several people at once is not built: the
-- Professional plan's description no longer sells it (unless an
-- administrator has written their own since).
update plans
   set description = 'For teams hiring steadily, with more introductions, seats and open roles, and confidential vacancies.'
 where code = 'professional'
   and description = 'For teams hiring steadily, with confidential roles and bulk introductions.';
