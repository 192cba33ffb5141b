-- Every table, emptied of what touched_articles replaces: a re-extracted article's earlier
-- reading goes (run only when touched_articles has rows; a batch of new articles deletes
-- nothing). The meetings it unsettles (unsettled_meetings) lose their links and rows: their
-- reports are pending until the run settles meetings (sql/settle/).
DELETE FROM dim_article WHERE article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM article_text WHERE article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM fact_meeting_report WHERE article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM fact_participant WHERE article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM fact_directive WHERE article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM bridge_meeting_region WHERE article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM report_match_keys WHERE article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM bridge_meeting_article
WHERE meeting_id IN (SELECT meeting_id FROM unsettled_meetings)
   OR article_id IN (SELECT article_id FROM touched_articles);
DELETE FROM fact_meeting WHERE meeting_id IN (SELECT meeting_id FROM unsettled_meetings);
-- Calendar days nothing uses any more (40_dim_date adds the batch's own back).
DELETE FROM dim_date
WHERE date NOT IN (SELECT meeting_date FROM fact_meeting_report WHERE meeting_date IS NOT NULL)
  AND date NOT IN (SELECT published_date FROM dim_article WHERE published_date IS NOT NULL);
