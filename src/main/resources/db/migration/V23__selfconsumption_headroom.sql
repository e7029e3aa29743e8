-- What a nightly run did about grid headroom at a site (status, the ISPs priced, the exchange there with and without
-- headroom, its cost at the tariff), as JSON. Null for runs made before the hub kept headroom.
ALTER TABLE selfconsumption_site_result ADD COLUMN headroom_json TEXT;
