import { Modal } from "antd";
import { useTranslation } from "react-i18next";
import ChangePinForm from "./ChangePinForm";

export default function ChangePinModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t("header.changePin")} onCancel={onClose} footer={null} destroyOnHidden width={400}>
      <div style={{ marginTop: 12 }}>
        <ChangePinForm compact onDone={onClose} />
      </div>
    </Modal>
  );
}
