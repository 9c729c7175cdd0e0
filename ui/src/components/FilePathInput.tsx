import { Button, Input, Space } from "antd";
import { FolderOpenOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend, type FileFilter } from "../backend";
import { useReportError } from "../lib/hooks";

type Props = {
  value: string;
  onChange: (path: string) => void;
  filters: FileFilter[];
  inputTestId?: string;
  chooseTestId?: string;
  onPressEnter?: () => void;
};

/** A typeable path plus "选择文件…", which opens the native dialog where there is one. */
export default function FilePathInput({ value, onChange, filters, inputTestId, chooseTestId, onPressEnter }: Props) {
  const { t } = useTranslation();
  const backend = useBackend();
  const report = useReportError();
  const choose = async () => {
    try {
      const picked = await backend.pickOpenFile(filters);
      if (picked) onChange(picked);
    } catch (e) {
      report(e);
    }
  };
  return (
    <Space.Compact style={{ width: "100%" }}>
      <Input
        data-testid={inputTestId}
        value={value}
        placeholder={t("common.filePathPlaceholder")}
        onChange={(e) => onChange(e.target.value)}
        onPressEnter={onPressEnter}
        allowClear
      />
      <Button data-testid={chooseTestId} icon={<FolderOpenOutlined />} onClick={() => void choose()}>
        {t("common.chooseFile")}
      </Button>
    </Space.Compact>
  );
}
