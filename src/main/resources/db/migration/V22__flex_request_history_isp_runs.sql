-- The ISPs of each request once more, run-length encoded in the request's own row, so that reading a congestion
-- point's years costs one row per request instead of one per ISP (flex_request_history_isp stays the record and
-- is what SQL queries join). Written with the ISP rows in one transaction; NULL for rows written without it, which
-- readers take from flex_request_history_isp instead. Owner: io.flexhub.analytics.history.
-- Format: runs "start,count,R|A,minW,maxW" joined by ';', ascending, e.g. "1,68,A,-80000,80000;69,1,R,-50000,-31000".
ALTER TABLE flex_request_history ADD COLUMN isp_runs VARCHAR(8000);
