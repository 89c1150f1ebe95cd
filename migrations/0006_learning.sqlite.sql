CREATE TRIGGER jp_totals_follow_asn AFTER UPDATE OF unit_id, instansi_id, active ON asn
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.instansi_id IS NOT NEW.instansi_id OR OLD.active IS NOT NEW.active
BEGIN
  UPDATE jp_totals SET unit_id = NEW.unit_id, instansi_id = NEW.instansi_id, active = NEW.active WHERE asn_id = NEW.id;
END;
