-- meeting_texts: the stored normalized text of the given articles (evidence offsets point into
-- it), to show each evidence span in its sentence. Parameter: $article_ids (list).
SELECT article_id, text
FROM article_text
WHERE article_id IN (SELECT unnest($article_ids))
