CREATE FUNCTION jp_totals_follow_asn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE jp_totals SET unit_id = NEW.unit_id, instansi_id = NEW.instansi_id, active = NEW.active WHERE asn_id = NEW.id;
  RETURN NEW;
END;
$$;
CREATE TRIGGER jp_totals_follow_asn AFTER UPDATE OF unit_id, instansi_id, active ON asn
FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.instansi_id IS DISTINCT FROM NEW.instansi_id
                   OR OLD.active IS DISTINCT FROM NEW.active)
EXECUTE FUNCTION jp_totals_follow_asn();
