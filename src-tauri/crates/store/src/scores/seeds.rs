//! The seeds' templates (考核模板): seed 002's e-commerce one (电商客服月度考核), seed 001's
//! call-centre one (呼叫中心客服月度考核) and seed 003's quarterly one for supervisors
//! (客服主管季度考核), each adding up to 100 points with the standard in the seeds' words.

use floordesk_domain::Problem;
use floordesk_domain::access::Role;
use floordesk_domain::scores::{RoleSet, ScoreCycle};

use super::templates::{
    AssignTarget, ScoreItemInput, TemplateInput, assign, check_template, template_id_by_name,
    write_template,
};
use crate::{Actor, Result, Store};

impl Store {
    /// The seeds' templates, created when missing (by name) and assigned when their targets have
    /// no template yet: seed 002's e-commerce one to every team, seed 001's call-centre one
    /// (not assigned), seed 003's quarterly supervisors' one to the supervisor role.
    pub fn seed_score_templates(&mut self, actor: Actor) -> Result<()> {
        let seeds = seed_templates()
            .iter()
            .map(check_template)
            .collect::<Result<Vec<_>, Problem>>()?;
        self.write(|tx| {
            for seed in &seeds {
                if template_id_by_name(tx, &seed.name)?.is_none() {
                    write_template(tx, None, seed, actor)?;
                }
            }
            let ecommerce = template_id_by_name(tx, SEED_ECOMMERCE)?;
            if let Some(template_id) = ecommerce {
                let teams: Vec<i64> = tx
                    .prepare(
                        "SELECT id FROM teams WHERE active = 1 AND CAST(id AS TEXT) NOT IN
                             (SELECT target FROM score_template_assignments WHERE target_kind = 'team')
                         ORDER BY id",
                    )?
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                for team_id in teams {
                    assign(tx, template_id, &AssignTarget::Team { team_id }, actor)?;
                }
            }
            let supervisors = template_id_by_name(tx, SEED_SUPERVISOR)?;
            let role_assigned: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM score_template_assignments
                                WHERE target_kind = 'role' AND target = ?1)",
                [Role::Supervisor.as_str()],
                |r| r.get(0),
            )?;
            if let Some(template_id) = supervisors.filter(|_| !role_assigned) {
                let target = AssignTarget::Role {
                    role: Role::Supervisor,
                };
                assign(tx, template_id, &target, actor)?;
            }
            Ok(())
        })
    }
}

const SEED_ECOMMERCE: &str = "电商客服月度考核";
const SEED_CALL_CENTRE: &str = "呼叫中心客服月度考核";
const SEED_SUPERVISOR: &str = "客服主管季度考核";

/// (分组, 考核项目, 分值, 评分角色, 评分标准)
type SeedItem = (&'static str, &'static str, i64, &'static str, &'static str);

/// Seed 002 (电商客服绩效考核): 上级 scores 工作绩效 and 工作能力, the agent 工作任务完成情况
/// (the reports), the 小组 协作性 and 服务性.
const ECOMMERCE_ITEMS: &[SeedItem] = &[
    (
        "服务类",
        "咨询转化率",
        10,
        "superior",
        "咨询客户中最终下单成交的比例，达到月度目标得满分",
    ),
    (
        "服务类",
        "平均响应时间",
        10,
        "superior",
        "客户咨询后首次回复的平均时长，越短越好，达到月度目标得满分",
    ),
    (
        "服务类",
        "客户流失率",
        5,
        "superior",
        "咨询后未成交即流失的客户比例，越低越好",
    ),
    (
        "订单类",
        "总成交额",
        10,
        "superior",
        "本人接待成交的订单总金额，达到月度目标得满分",
    ),
    (
        "订单类",
        "有效订单比",
        5,
        "superior",
        "有效订单占全部下单数的比例",
    ),
    (
        "订单类",
        "付款比",
        5,
        "superior",
        "已付款订单占下单数的比例",
    ),
    (
        "订单类",
        "退款比",
        5,
        "superior",
        "退款订单占成交订单的比例，越低越好",
    ),
    (
        "订单类",
        "客单价",
        5,
        "superior",
        "成交金额除以成交客户数，达到月度目标得满分",
    ),
    (
        "其他类",
        "投诉比",
        5,
        "superior",
        "被客户投诉的订单占接待订单的比例，越低越好",
    ),
    (
        "其他类",
        "异常订单比",
        5,
        "superior",
        "备注错误、漏发错发等异常订单的比例，越低越好",
    ),
    (
        "管理类",
        "报表及时性",
        5,
        "self",
        "日报、周报、月报按时提交，无拖延",
    ),
    (
        "管理类",
        "数据真实性",
        5,
        "self",
        "报表数据真实准确，无虚报、瞒报",
    ),
    (
        "管理类",
        "完整性",
        5,
        "self",
        "报表内容完整，各项数据齐全无遗漏",
    ),
    (
        "协作类",
        "工作协作性",
        10,
        "peer",
        "与同事及相关部门积极配合，主动协助完成工作",
    ),
    (
        "协作类",
        "服务性",
        10,
        "peer",
        "对同事和相关部门的需求响应及时，服务态度良好",
    ),
];

/// Seed 001 (呼叫中心客服绩效考核).
const CALL_CENTRE_ITEMS: &[SeedItem] = &[
    (
        "服务质量",
        "客户满意度",
        15,
        "superior",
        "客户回访与满意度评价结果，达到月度目标得满分",
    ),
    (
        "服务质量",
        "问题解决率",
        15,
        "superior",
        "客户问题一次解决的比例，无重复来电",
    ),
    (
        "服务质量",
        "投诉率",
        10,
        "superior",
        "被客户有效投诉的比例，越低越好",
    ),
    (
        "工作效率",
        "响应时间",
        10,
        "superior",
        "来电及时接听，平均应答时长符合标准",
    ),
    (
        "工作效率",
        "处理时长",
        10,
        "superior",
        "平均通话及处理时长合理，不拖延",
    ),
    (
        "业务知识",
        "业务知识考核",
        20,
        "self|superior",
        "熟练掌握产品与业务流程，以业务知识考核成绩为准",
    ),
    (
        "团队协作",
        "团队协作",
        20,
        "self|peer",
        "与同事互相配合、互帮互助，积极参与团队工作",
    ),
];

/// Seed 003 (客服主管考核制度).
const SUPERVISOR_ITEMS: &[SeedItem] = &[
    (
        "工作态度",
        "工作态度",
        20,
        "self|superior|peer",
        "准时上下班，遵守公司纪律，无迟到、早退、旷工现象",
    ),
    (
        "业务能力",
        "业务能力",
        30,
        "self|superior|peer",
        "熟悉业务流程，能独立处理疑难问题和客户投诉",
    ),
    (
        "团队管理",
        "团队管理",
        30,
        "superior|peer",
        "合理安排排班与分工，做好培训督导，带领团队完成目标",
    ),
    (
        "客户满意度",
        "客户满意度",
        20,
        "superior",
        "所辖团队的客户满意度及投诉处理情况",
    ),
];

fn seed_templates() -> [TemplateInput; 3] {
    let template = |name: &str, cycle, items: &[SeedItem]| TemplateInput {
        name: name.to_owned(),
        cycle,
        items: items
            .iter()
            .map(
                |&(group, name, max_points, roles, standard)| ScoreItemInput {
                    group: group.to_owned(),
                    name: name.to_owned(),
                    max_points,
                    roles: RoleSet::parse(roles).expect("the seeds' roles are keys"),
                    computed: false,
                    standard: standard.to_owned(),
                    formula: None,
                },
            )
            .collect(),
    };
    [
        template(SEED_ECOMMERCE, ScoreCycle::Monthly, ECOMMERCE_ITEMS),
        template(SEED_CALL_CENTRE, ScoreCycle::Monthly, CALL_CENTRE_ITEMS),
        template(SEED_SUPERVISOR, ScoreCycle::Quarterly, SUPERVISOR_ITEMS),
    ]
}
